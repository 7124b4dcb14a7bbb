import 'reflect-metadata';
import { runService } from '@schematrace/platform';
import { gatewayService } from './gateway.service-definition';

void runService(gatewayService);
