package org.logitlab.data;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** An HTTP server on 127.0.0.1 for download tests: serves registered paths, 404 for the rest. */
public final class LocalHttpServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, HttpHandler> handlers = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);

  LocalHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      requests.add(path);
      HttpHandler handler = handlers.getOrDefault(path, LocalHttpServer::notFound);
      try (exchange) {
        handler.handle(exchange);
      } catch (IOException e) {
        // a handler that breaks off a response on purpose ends here
      }
    });
    server.setExecutor(executor);
    server.start();
  }

  /** The base URI for a mirror at {@code folder}, e.g. {@code http://127.0.0.1:1234/mnist/}. */
  URI base(String folder) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + folder + "/");
  }

  /** Serves {@code body} at {@code path} with status 200 and its Content-Length. */
  LocalHttpServer serve(String path, byte[] body) {
    handlers.put(path, exchange -> send(exchange, 200, body.length, body));
    return this;
  }

  /** Serves {@code body} at {@code path} without a Content-Length (chunked). */
  LocalHttpServer serveChunked(String path, byte[] body) {
    handlers.put(path, exchange -> send(exchange, 200, 0, body));
    return this;
  }

  /** Announces {@code announced} bytes at {@code path}, sends {@code body} and closes the connection. */
  LocalHttpServer serveTruncated(String path, byte[] body, long announced) {
    handlers.put(path, exchange -> send(exchange, 200, announced, body));
    return this;
  }

  /** Sends the headers and {@code body} at {@code path}, then stalls until the server closes. */
  LocalHttpServer serveStalled(String path, byte[] body, long announced) {
    handlers.put(path, exchange -> {
      exchange.sendResponseHeaders(200, announced);
      exchange.getResponseBody().write(body);
      exchange.getResponseBody().flush();
      try {
        closing.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    return this;
  }

  /** The paths requested so far, in order. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  /** A URI on which nothing listens: a port that was bound on 127.0.0.1 and released. */
  public static URI deadMirror() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/mnist/");
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private static void notFound(HttpExchange exchange) throws IOException {
    send(exchange, 404, -1, new byte[0]);
  }

  private static void send(HttpExchange exchange, int status, long length, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, length);
    OutputStream out = exchange.getResponseBody();
    out.write(body);
    out.flush();
  }
}
