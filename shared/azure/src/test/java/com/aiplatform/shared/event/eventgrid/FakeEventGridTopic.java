package com.aiplatform.shared.event.eventgrid;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An Event Grid topic's publish endpoint over HTTPS on loopback, with a self-signed certificate made
 * by keytool for 127.0.0.1 (key credentials refuse plain HTTP). It records each request and answers
 * with the status the test chose.
 */
final class FakeEventGridTopic implements AutoCloseable {

    record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private static final char[] PASSWORD = "fake-topic".toCharArray();

    private final HttpsServer server;
    private final SSLContext clientContext;
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final List<Request> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile int status = 200;

    FakeEventGridTopic(Path workDir) {
        try {
            KeyStore keyStore = selfSignedKeyStore(workDir);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, PASSWORD);
            SSLContext serverContext = SSLContext.getInstance("TLS");
            serverContext.init(keys.getKeyManagers(), null, null);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keyStore);
            clientContext = SSLContext.getInstance("TLS");
            clientContext.init(null, trust.getTrustManagers(), null);

            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
            server.createContext("/", this::handle);
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot set up TLS for the fake topic", e);
        }
    }

    /** The topic endpoint, as Event Grid shows it: {@code https://<host>/api/events}. */
    String endpoint() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/api/events";
    }

    /** A client-side TLS context that trusts only this server's certificate. */
    SSLContext clientContext() {
        return clientContext;
    }

    /** Every request the topic accepted, oldest first. */
    List<Request> received() {
        return List.copyOf(received);
    }

    void answerWith(int httpStatus) {
        status = httpStatus;
    }

    Request nextRequest() throws InterruptedException {
        Request request = requests.poll(10, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("The fake topic received no request");
        }
        return request;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getQuery(), Map.copyOf(exchange.getRequestHeaders()), body);
            requests.add(request);
            if (status == 200) {
                received.add(request);
            }
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static KeyStore selfSignedKeyStore(Path workDir) throws IOException, GeneralSecurityException {
        Path file = workDir.resolve("fake-topic.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "topic",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "1", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while generating the test certificate", e);
        }
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keyStore.load(in, PASSWORD);
        }
        return keyStore;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
