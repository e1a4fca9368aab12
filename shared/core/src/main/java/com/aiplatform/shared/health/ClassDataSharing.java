package com.aiplatform.shared.health;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the JVM runs on the class data sharing archive it was given. An app package can carry an AppCDS archive
 * ({@code app-cds.jsa}, with {@code app-cds.jdk} naming the JDK build that made it) for the worker's
 * {@code -XX:SharedArchiveFile} (docs/deploy.md). A JVM of another build ignores it under {@code -Xshare:auto} and
 * then starts with no class data sharing at all, slower than with none given; nothing else says so. This optional
 * check does: {@code unavailable}, with the two builds, when an archive was given and is not in use.
 */
public final class ClassDataSharing {

    /** The file next to an archive that names the JDK build ({@code java.vm.version}) it was made by. */
    public static final String MADE_BY_SUFFIX = ".jdk";

    private ClassDataSharing() {
    }

    public static HealthCheck check() {
        return HealthCheck.optional("classDataSharing", () -> {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            String archive = vm.getVMOption("SharedArchiveFile").getValue();
            boolean sharing = Boolean.parseBoolean(vm.getVMOption("UseSharedSpaces").getValue());
            return describe(archive, sharing, System.getProperty("java.vm.version"), madeBy(archive));
        });
    }

    /** The detail for an archive option (empty when none was given) and whether sharing is on; throws when unused. */
    static String describe(String archive, boolean sharing, String vmVersion, Optional<String> madeBy) {
        if (archive.isEmpty()) {
            if (!sharing) {
                throw new IllegalStateException("class data sharing is off (-Xshare:off)");
            }
            return "the JDK's default archive";
        }
        if (sharing) {
            return "archive " + archive + " in use";
        }
        throw new IllegalStateException("archive " + archive + " is not in use, so this JVM runs without class data "
                + "sharing: " + madeBy.map(build -> build.equals(vmVersion)
                        ? "it was made by this JDK build (" + build + ") but does not match its class path or options"
                        : "it was made by JDK " + build + " and this JVM is " + vmVersion + "; package it again with "
                                + vmVersion)
                        .orElse("it is missing or was made by another JDK build than this JVM's (" + vmVersion + ")"));
    }

    private static Optional<String> madeBy(String archive) {
        if (archive.isEmpty()) {
            return Optional.empty();
        }
        Path archivePath = Path.of(archive);
        String name = archivePath.getFileName().toString();
        Path file = archivePath.resolveSibling((name.endsWith(".jsa") ? name.substring(0, name.length() - 4) : name)
                + MADE_BY_SUFFIX);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
