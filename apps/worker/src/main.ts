import 'reflect-metadata';
import { runService } from '@schematrace/platform';
import { workerService } from './worker.service-definition';

void runService(workerService);
