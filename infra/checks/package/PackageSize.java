import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Fails when a staged function app is larger than its limit in MB (MiB, as {@code du -sm} counts): a package that
 * grows past it deploys and cold-starts slower on Flex Consumption. Run with the JDK's single-file launcher:
 * {@code java infra/checks/package/PackageSize.java functions/knowledge/target/azure-functions/knowledge 150}.
 * The azure-functions profile runs it after the strips, with {@code functions.maxPackageMb} (150; the bge-small
 * profile, which adds its 78 MB model on purpose, raises it). On failure it names the largest jars.
 */
public final class PackageSize {

    private static final long MB = 1024 * 1024;
    private static final int SHOWN = 8;

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java PackageSize.java <staged app folder> <limit in MB>");
            System.exit(2);
        }
        Path app = Path.of(args[0]);
        long limit = Long.parseLong(args[1]);
        if (!Files.isDirectory(app)) {
            System.err.println(app + " is not a folder");
            System.exit(2);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(app)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        long bytes = files.stream().mapToLong(PackageSize::size).sum();
        String line = String.format(Locale.ROOT, "%s: %.1f MB in %d files (limit %d MB)", app.getFileName(),
                (double) bytes / MB, files.size(), limit);
        if (bytes <= limit * MB) {
            System.out.println(line);
            return;
        }
        System.err.println(line + ": too large. Largest files:");
        files.stream().sorted(Comparator.comparingLong(PackageSize::size).reversed()).limit(SHOWN)
                .forEach(file -> System.err.println(String.format(Locale.ROOT, "  %6.1f MB  %s",
                        (double) size(file) / MB, app.relativize(file))));
        System.exit(1);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
