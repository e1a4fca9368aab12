package com.aiplatform.local.gateway;

import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.TenantId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * Zero setup for a developer: the local platform makes sure consumer {@value #CONSUMER} of tenant
 * {@value #TENANT} (product {@value #PRODUCT}, roles admin and platform-admin) exists in the platform
 * app and has a key, kept in {@code <data>/gateway/development-key} so it survives restarts. It goes through
 * the platform app's HTTP API ({@link PlatformConsumers}) as a platform admin of tenant {@value #TENANT}, as an
 * operator would. The platform prints the key; tests read it from the running platform.
 */
public final class DevelopmentConsumer {

    public static final String CONSUMER = "local-developer";
    public static final String TENANT = "local";
    public static final String PRODUCT = "development";
    public static final List<String> ROLES = List.of("admin", "platform-admin");

    private static final Caller PLATFORM = new Caller("local-platform", TenantId.of(TENANT), Set.of("platform-admin"));

    private DevelopmentConsumer() {
    }

    /** The development key: the saved one if it still works, else a new one (saved). */
    public static String ensure(PlatformConsumers consumers, Path dataDir) {
        Path file = dataDir.resolve("gateway").resolve("development-key");
        try {
            if (Files.isRegularFile(file)) {
                String saved = Files.readString(file).trim();
                if (consumers.resolve(saved).isPresent()) {
                    return saved;
                }
            }
            String key = consumers.create(PLATFORM, new PlatformConsumers.NewConsumer(CONSUMER, TENANT, PRODUCT, ROLES))
                    .orElseGet(() -> consumers.rotate(PLATFORM, TENANT, CONSUMER));
            Files.createDirectories(file.getParent());
            Files.writeString(file, key + System.lineSeparator());
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the data folder's own permissions apply
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the development key in " + file, e);
        }
    }
}
