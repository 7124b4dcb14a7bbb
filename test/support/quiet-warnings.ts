import { quietKnownWarnings } from '@schematrace/platform';

quietKnownWarnings();
