// Preloaded into the web server (NODE_OPTIONS=--require, see lib/platform/server-process.ts):
// writes each request's TCP peer address into a header the app can believe, overwriting anything a
// client sent under that name. Next.js only fills X-Forwarded-For from the socket when the client
// has not sent one, so without this the app could not tell a real address from a claimed one.
// Plain CommonJS because it runs before anything is compiled.
"use strict";
// getBuiltinModule rather than require: the same in CommonJS and ES modules (Node 20.16+).
const http = process.getBuiltinModule("node:http");

const HEADER = "x-ecr-peer-address"; // PEER_ADDRESS_HEADER in lib/auth/client-address.ts
const emit = http.Server.prototype.emit;

http.Server.prototype.emit = function emitWithPeer(event, request, ...rest) {
  if (event === "request" && request && request.headers) {
    request.headers[HEADER] = (request.socket && request.socket.remoteAddress) || "";
  }
  return emit.call(this, event, request, ...rest);
};
