export { startBrick, type Brick, type BrickOptions } from './start.js';
export { serveGraph, type BrickServer, type ServeOptions } from './serve.js';
export { CLIENT_ID_KEY } from './wire.js';
export { brickAccessOf, BRICK_USERS, OPEN_ACCESS, type BrickAccess } from './access.js';
