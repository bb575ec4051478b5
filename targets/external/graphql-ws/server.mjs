// A GraphQL subscription server as graphql-ws's README sets one up on Node `ws`: an http server, a
// WebSocketServer on path /graphql, and useServer({ schema }, wsServer) with the library's
// defaults (subprotocol graphql-transport-ws only, connectionInitWaitTimeout 3 s, a WebSocket ping
// every 12 s, permessage-deflate off as in ws's server default). Usage:
//   node server.mjs [port=0]
// Prints "listening on ws://127.0.0.1:PORT/graphql" once it accepts connections (port 0 =
// ephemeral). Loopback only. A plain GET (no upgrade) gets 426.
//
// The schema: query { hello } answers "world"; query { echo(text: "x") } answers "x";
// subscription { greetings } sends "Hi", "Bonjour", "Hola" and completes.
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLObjectType, GraphQLSchema, GraphQLString, GraphQLNonNull } from 'graphql';

const port = Number(process.argv[2] ?? 0);

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      hello: { type: GraphQLString, resolve: () => 'world' },
      echo: {
        type: GraphQLString,
        args: { text: { type: new GraphQLNonNull(GraphQLString) } },
        resolve: (_, { text }) => text,
      },
    },
  }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      greetings: {
        type: GraphQLString,
        subscribe: async function* () {
          for (const hi of ['Hi', 'Bonjour', 'Hola']) yield { greetings: hi };
        },
      },
    },
  }),
});

const server = http.createServer((req, res) => {
  res.writeHead(426, { 'Content-Type': 'text/plain', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13' });
  res.end('Expected Upgrade: websocket');
});
const wsServer = new WebSocketServer({ server, path: '/graphql' });
useServer({ schema }, wsServer);

server.listen(port, '127.0.0.1', () => {
  console.log(`graphql-ws 6.4.2, graphql 16.15.0, ws 8.18.3 pid ${process.pid}`);
  console.log(`listening on ws://127.0.0.1:${server.address().port}/graphql`);
});
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
