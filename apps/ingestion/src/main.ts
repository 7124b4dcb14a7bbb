import 'reflect-metadata';
import { runService } from '@schematrace/platform';
import { ingestionService } from './ingestion.service-definition';

void runService(ingestionService);
