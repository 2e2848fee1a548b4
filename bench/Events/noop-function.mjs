// A stand-in function for the events emulator: answers every POST /call with 200, after DELAY_MS (default 0).
// node noop-function.mjs <port>
import http from 'node:http';

const delay = Number(process.env.DELAY_MS || 0);
const server = http.createServer((request, response) => {
  request.resume();
  request.on('end', () => setTimeout(() => { response.writeHead(200, { 'Content-Length': '0' }); response.end(); }, delay));
});
server.keepAliveTimeout = 60000;
server.listen(Number(process.argv[2]), '127.0.0.1');
