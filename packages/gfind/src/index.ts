// brick task handlers (the task service imports this module by name)
export { handlers } from './handlers.js';
