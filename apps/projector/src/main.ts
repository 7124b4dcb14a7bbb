import 'reflect-metadata';
import { runService } from '@schematrace/platform';
import { projectorService } from './projector.service-definition';

void runService(projectorService);
