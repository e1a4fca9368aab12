package com.aiplatform.bench.coldstart;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

/**
 * An app's AppCDS archive in the one form the Functions Java worker can use on JDK 17. The worker's JVM class path
 * is its own jar, and it loads the app's jars with a {@code URLClassLoader} of its own; so the archive is dumped
 * with no app class path (nothing for the worker's class path to contradict), and the app's classes go in as
 * classes of a custom loader: a class list line with {@code id:}, {@code super:}, {@code interfaces:} and the jar
 * as {@code source:}. At run time the JVM takes such a class from the archive when the worker's loader defines one
 * of that name with the same bytes (size and CRC-32), whatever the jar's path.
 *
 * <p>JDK 17's {@code -XX:DumpLoadedClassList} writes the JDK's classes but not a custom loader's, so those come from
 * the training run's {@code -Xlog:class+load} (a class and the jar it came from) and their super types from the
 * class files. Two training runs: the second runs on the first archive, because linking an archived class checks
 * the verification constraints recorded at dump time, which loads classes the worker's {@code -noverify} run never
 * loaded; the second archive holds those too. Left out: lambda proxies (a dump of {@code @lambda-proxy} lines
 * crashes 17.0.15, as does the dynamic archive), classes the dump cannot verify with one loader per jar (an
 * {@code Skipping ...: Failed verification} line in the dump log), and the worker's own classes.
 *
 * <p>The archive is tied to the JDK build that dumped it: another build ignores it under {@code -Xshare:auto} and
 * then runs with no class data sharing at all, not even the JDK's own archive (docs/deploy.md).
 */
final class AppCdsArchive {

    private static final long DUMP_TIMEOUT_SECONDS = 300;

    private AppCdsArchive() {
    }

    /** The JVM options that have a training run write what it loaded: the JDK's class list and the load log. */
    static List<String> trainingOptions(Path jdkClassList, Path loadLog) {
        return List.of("-XX:DumpLoadedClassList=" + jdkClassList, "-Xlog:class+load=info:file=" + loadLog);
    }

    /** The options that run a JVM on the archive, refusing to start without it rather than running unnoticed. */
    static List<String> useOptions(Path archive) {
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on");
    }

    /**
     * Writes the class list to dump from: the JDK's classes of the first training run, then every class the runs
     * loaded from a jar under {@code appFolder}, in load order (a super type loads before its subtypes). Classes
     * from other jars (the worker's side: the harness, the Functions library) are left out, and so is an app class
     * whose super type is not in the list. Returns the number of app classes listed.
     */
    static int writeClassList(Path jdkClassList, List<Path> loadLogs, Path appFolder, Path classList)
            throws IOException {
        Map<String, Path> appClasses = new LinkedHashMap<>();
        Set<String> otherJarClasses = new HashSet<>();
        for (Path log : loadLogs) {
            for (ClassLoadLog.Loaded loaded : ClassLoadLog.read(log).classes()) {
                if (loaded.file().isEmpty()) {
                    continue;
                }
                String name = loaded.name().replace('.', '/');
                if (loaded.fromJarUnder(appFolder)) {
                    appClasses.putIfAbsent(name, loaded.file().get());
                } else {
                    otherJarClasses.add(name);
                }
            }
        }
        Map<String, Integer> ids = new HashMap<>();
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(jdkClassList)) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("@")) {
                continue;
            }
            String name = line.split("\\s+")[0];
            if (!otherJarClasses.contains(name) && !appClasses.containsKey(name) && !ids.containsKey(name)) {
                ids.put(name, ids.size());
                lines.add(name + " id: " + ids.get(name));
            }
        }
        int listed = 0;
        Map<Path, ZipFile> jars = new HashMap<>();
        try {
            for (Map.Entry<String, Path> entry : appClasses.entrySet()) {
                ZipFile jar = jars.computeIfAbsent(entry.getValue(), AppCdsArchive::open);
                var classFile = jar.getEntry(entry.getKey() + ".class");
                if (classFile == null) {
                    continue;
                }
                SuperTypes types;
                try (InputStream in = jar.getInputStream(classFile)) {
                    types = SuperTypes.of(in.readAllBytes());
                }
                if (types.superName() == null || !ids.containsKey(types.superName())
                        || !types.interfaces().stream().allMatch(ids::containsKey)) {
                    continue;
                }
                int id = ids.size();
                ids.put(entry.getKey(), id);
                StringBuilder line = new StringBuilder(entry.getKey()).append(" id: ").append(id).append(" super: ")
                        .append(ids.get(types.superName()));
                if (!types.interfaces().isEmpty()) {
                    line.append(" interfaces:");
                    types.interfaces().forEach(name -> line.append(' ').append(ids.get(name)));
                }
                lines.add(line.append(" source: ").append(entry.getValue()).toString());
                listed++;
            }
        } finally {
            for (ZipFile jar : jars.values()) {
                jar.close();
            }
        }
        Files.write(classList, lines);
        return listed;
    }

    private static ZipFile open(Path jar) {
        try {
            return new ZipFile(jar.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open " + jar, e);
        }
    }

    /** Dumps the archive from the class list with no app class path, as the worker's class path cannot match one. */
    static void dump(String java, Path classList, Path archive, Path log) throws IOException, InterruptedException {
        runDump(List.of(java, "-Xshare:dump", "-XX:SharedClassListFile=" + classList,
                "-XX:SharedArchiveFile=" + archive), archive, log);
    }

    /**
     * Runs a {@code -Xshare:dump} command (without the inherited {@code CLASSPATH}, so that only the command's own
     * class path counts) and fails unless it made the archive; its output goes to {@code log}.
     */
    static void runDump(List<String> command, Path archive, Path log) throws IOException, InterruptedException {
        Files.deleteIfExists(archive);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("CLASSPATH");
        Process dump = builder.start();
        if (!dump.waitFor(DUMP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            dump.destroyForcibly().waitFor();
            throw new IllegalStateException("The CDS dump took over " + DUMP_TIMEOUT_SECONDS + " s; see " + log);
        }
        if (dump.exitValue() != 0 || !Files.isRegularFile(archive)) {
            throw new IllegalStateException("The CDS dump failed (exit " + dump.exitValue() + "); see " + log);
        }
    }

    /** A class file's super class and interfaces, read from its constant pool ({@code /}-separated names). */
    record SuperTypes(String superName, List<String> interfaces) {

        static SuperTypes of(byte[] classFile) throws IOException {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException("Not a class file");
            }
            in.readUnsignedShort(); // minor version
            in.readUnsignedShort(); // major version
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            int[] classNameIndex = new int[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7 -> classNameIndex[i] = in.readUnsignedShort();
                    case 8, 16, 19, 20 -> in.readUnsignedShort();
                    case 15 -> in.skipNBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 5, 6 -> {
                        in.skipNBytes(8);
                        i++; // a long or a double takes two entries
                    }
                    default -> throw new IOException("Unknown constant pool tag " + tag);
                }
            }
            in.readUnsignedShort(); // access flags
            in.readUnsignedShort(); // this class
            int superIndex = in.readUnsignedShort();
            int interfaceCount = in.readUnsignedShort();
            List<String> interfaces = new ArrayList<>(interfaceCount);
            for (int i = 0; i < interfaceCount; i++) {
                interfaces.add(utf8[classNameIndex[in.readUnsignedShort()]]);
            }
            return new SuperTypes(superIndex == 0 ? null : utf8[classNameIndex[superIndex]], interfaces);
        }
    }
}
