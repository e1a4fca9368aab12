package com.aiplatform.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * nginx as a reverse proxy to the benchmark's backend, run without root from a temporary prefix: one
 * server that only proxies, one that first checks a subscription key (a {@code map}) and a per-key rate
 * limit ({@code limit_req}) set high enough never to refuse, as the gateway's checks are in the other run.
 */
final class NginxProxy implements AutoCloseable {

    private final Process process;
    private final Path prefix;

    private NginxProxy(Process process, Path prefix) {
        this.process = process;
        this.prefix = prefix;
    }

    static NginxProxy start(Path binary, int backendPort, int plainPort, int guardedPort, String key, int workers) {
        try {
            Path prefix = Files.createTempDirectory("bench-nginx");
            Files.createDirectories(prefix.resolve("tmp"));
            Files.writeString(prefix.resolve("nginx.conf"), config(prefix, backendPort, plainPort, guardedPort, key, workers));
            Process process = new ProcessBuilder(List.of(binary.toString(), "-p", prefix.toString(), "-e", "stderr",
                    "-c", prefix.resolve("nginx.conf").toString(), "-g", "daemon off;"))
                    .redirectErrorStream(true).redirectOutput(prefix.resolve("nginx.out").toFile()).start();
            NginxProxy proxy = new NginxProxy(process, prefix);
            proxy.awaitPort(plainPort);
            proxy.awaitPort(guardedPort);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start nginx from " + binary, e);
        }
    }

    private static String config(Path prefix, int backend, int plain, int guarded, String key, int workers) {
        String temp = prefix.resolve("tmp").toString();
        String proxy = """
                    proxy_pass http://backend;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                """;
        return """
                worker_processes %d;
                pid %s/nginx.pid;
                events { worker_connections 1024; }
                http {
                  access_log off;
                  map_hash_bucket_size 128;
                  client_body_temp_path %s/body;
                  proxy_temp_path %s/proxy;
                  fastcgi_temp_path %s/fastcgi;
                  uwsgi_temp_path %s/uwsgi;
                  scgi_temp_path %s/scgi;
                  upstream backend { server 127.0.0.1:%d; keepalive 64; }
                  map $http_ocp_apim_subscription_key $authorized { default 0; "%s" 1; }
                  limit_req_zone $http_ocp_apim_subscription_key zone=perkey:1m rate=1000000r/s;
                  server {
                    listen 127.0.0.1:%d;
                    location / {
                %s    }
                  }
                  server {
                    listen 127.0.0.1:%d;
                    location / {
                      if ($authorized = 0) { return 401; }
                      limit_req zone=perkey burst=1000000 nodelay;
                %s    }
                  }
                }
                """.formatted(workers, prefix, temp, temp, temp, temp, temp, backend, key, plain, proxy, guarded, proxy);
    }

    private void awaitPort(int port) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx stopped: " + output());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.onSpinWait();
            }
        }
        throw new IllegalStateException("nginx did not listen on " + port + ": " + output());
    }

    private String output() {
        try {
            return Files.readString(prefix.resolve("nginx.out"));
        } catch (IOException e) {
            return "(no output)";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
