import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Fails when a function app's package carries a native library for anything but linux-x64, the one platform Flex
 * Consumption runs. Run on a staged lib/ folder (or jars) with the JDK's single-file launcher:
 * {@code java infra/checks/package/LinuxX64Natives.java functions/knowledge/target/azure-functions/knowledge/lib}.
 * A native library is an entry ending in .so (or .so.N), .dll, .dylib or .jnilib; it passes when its path names
 * linux and x86-64 (linux-x64, linux-x86_64, linux_x86_64, linux-x86-64, linux-amd64, or netty's Linux-only
 * epoll and io_uring transports for x86_64). Debug symbols (.pdb,
 * .dSYM) never pass. The azure-functions profile runs this after it strips the staged jars, so a new dependency
 * that brings every OS's natives fails the packaging until its jar is stripped too.
 */
public final class LinuxX64Natives {

    private static final Pattern NATIVE = Pattern.compile("(?i).*\\.(so(\\.\\d+)*|dll|dylib|jnilib)$");
    private static final Pattern DEBUG_SYMBOLS = Pattern.compile("(?i).*(\\.pdb$|\\.dsym/.*)");
    /** Netty's epoll and io_uring transports exist for Linux only, and say just the CPU. */
    private static final Pattern LINUX_X64 = Pattern.compile(
            "(?i).*(linux[-_/]?(x86[-_]64|x64|amd64)|native_(epoll|io_uring)_x86_64\\.so$).*");
    private static final int SHOWN_PER_JAR = 5;

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: java LinuxX64Natives.java <lib folder or jar>...");
            System.exit(2);
        }
        List<Path> jars = new ArrayList<>();
        for (String arg : args) {
            Path path = Path.of(arg);
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.list(path)) {
                    files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
                }
            } else {
                jars.add(path);
            }
        }
        int natives = 0;
        List<String> foreign = new ArrayList<>();
        for (Path jar : jars) {
            int shown = 0;
            int hidden = 0;
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                    ZipEntry entry = entries.nextElement();
                    String name = entry.getName();
                    boolean debug = !entry.isDirectory() && DEBUG_SYMBOLS.matcher(name).matches();
                    if (entry.isDirectory() || !(debug || NATIVE.matcher(name).matches())) {
                        continue;
                    }
                    natives++;
                    if (debug || !LINUX_X64.matcher(name).matches()) {
                        if (shown++ < SHOWN_PER_JAR) {
                            foreign.add(jar.getFileName() + "!/" + name);
                        } else {
                            hidden++;
                        }
                    }
                }
            }
            if (hidden > 0) {
                foreign.add(jar.getFileName() + ": " + hidden + " more");
            }
        }
        if (!foreign.isEmpty()) {
            System.err.println("Native libraries for other platforms than linux-x64 (strip them in the azure-functions "
                    + "profile, or package with -Dfunctions.allNatives=true on purpose):");
            foreign.forEach(line -> System.err.println("  " + line));
            System.exit(1);
        }
        System.out.println(String.format(Locale.ROOT, "%d jars, %d native libraries, all linux-x64", jars.size(),
                natives));
    }
}
