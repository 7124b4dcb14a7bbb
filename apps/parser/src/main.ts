import 'reflect-metadata';
import { runService } from '@schematrace/platform';
import { parserService } from './parser.service-definition';

void runService(parserService);
