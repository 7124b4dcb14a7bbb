export * from './kafka.factory';
export * from './topic-provisioner';
export * from './message-codec';
export * from './message-publisher';
export * from './consumed-message';
export * from './dead-letter';
export * from './kafka-transport';
export * from './messaging.module';
