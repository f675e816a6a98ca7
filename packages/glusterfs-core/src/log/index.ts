export { type Logger, type LogLevel, LOG_LEVELS, createLogger, silentLogger } from './logger.js';
