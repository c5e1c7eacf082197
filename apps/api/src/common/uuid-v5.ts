// Moved to @tiltak/persistence so the worker derives case ids the same way (absence detection opens cases).
export { isUuid, uuidV5 } from '@tiltak/persistence';
