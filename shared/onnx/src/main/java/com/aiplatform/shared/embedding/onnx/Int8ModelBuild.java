package com.aiplatform.shared.embedding.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the int8 rewrite ({@link PerChannelInt8}) of bundled models into a folder at build time, so that the
 * int8 variant loads as it is instead of being made at every start (about 2.6 s of the load). shared-onnx's build
 * runs it into its own classes ({@code all-minilm-l6-v2-int8.onnx}); {@link OnnxEmbedder.Variant#INT8} loads
 * that file when it is on the class path and rewrites the fp32 model only when it is not (bge-small-en-v1.5).
 * Usage: {@code Int8ModelBuild <output folder> <model name>...}.
 */
public final class Int8ModelBuild {

    private Int8ModelBuild() {
    }

    public static void main(String[] args) throws IOException, URISyntaxException {
        Path output = Path.of(args[0]);
        Path classes = Path.of(PerChannelInt8.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path rewrite = newest(classes, PerChannelInt8.class, Int8EmbeddingTable.class, OnnxWire.class);
        for (int i = 1; i < args.length; i++) {
            OnnxModel model = OnnxModel.fromName(args[i]);
            Path target = output.resolve(model.int8Resource());
            if (Files.isRegularFile(target) && Files.isRegularFile(rewrite)
                    && Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(rewrite)) > 0) {
                continue; // made by an earlier build from the same rewrite
            }
            byte[] fp32;
            try (InputStream in = Int8ModelBuild.class.getClassLoader().getResourceAsStream(model.modelResource())) {
                if (in == null) {
                    throw new IOException(model.modelResource() + " is not on the build's class path");
                }
                fp32 = in.readAllBytes();
            }
            Files.createDirectories(output);
            Path partial = output.resolve(model.int8Resource() + ".partial");
            Files.write(partial, PerChannelInt8.quantize(fp32));
            Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The most recently compiled of the classes that make the rewrite. */
    private static Path newest(Path classes, Class<?>... rewrite) throws IOException {
        Path newest = null;
        for (Class<?> type : rewrite) {
            Path file = classes.resolve(type.getName().replace('.', '/') + ".class");
            if (newest == null || !Files.isRegularFile(file) || (Files.isRegularFile(newest)
                    && Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(newest)) > 0)) {
                newest = file;
            }
        }
        return newest;
    }
}
