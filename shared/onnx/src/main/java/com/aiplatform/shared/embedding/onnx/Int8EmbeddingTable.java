package com.aiplatform.shared.embedding.onnx;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The word-embedding table of {@link PerChannelInt8}: 30522 × 384 fp32 values (47 MB) that a Gather reads a few
 * rows of per input. It becomes int8 rows with one fp32 scale per row (symmetric, the row's largest value maps to
 * 127), and the Gather becomes Gather(int8 rows) → Cast to float → Mul by Gather(scales), the scales stored as a
 * [rows, 1] tensor so that their Gather is already broadcastable. Only the gathered rows are dequantised, so the
 * run time does not change. Tables under {@value #MIN_ROWS} rows (position and token-type embeddings, 0.8 MB)
 * stay fp32: they save nothing worth the rounding.
 */
final class Int8EmbeddingTable {

    static final int MIN_ROWS = 4096;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int ATTRIBUTE_NAME = 1;
    private static final int ATTRIBUTE_INT = 3;
    private static final int ATTRIBUTE_TYPE = 20;
    private static final int ATTRIBUTE_TYPE_INT = 2;

    private Int8EmbeddingTable() {
    }

    /** A Gather of whole rows (axis 0, its default) from its first input. */
    static boolean isRowGather(byte[] node, OnnxWire.Node parsed) throws IOException {
        if (!parsed.opType().equals("Gather") || parsed.inputs().size() != 2) {
            return false;
        }
        boolean[] rows = {true};
        OnnxWire.forEachField(node, (tag, in) -> {
            if (WireFormat.getTagFieldNumber(tag) == NODE_ATTRIBUTE) {
                long[] axis = {0};
                String[] name = {""};
                OnnxWire.forEachField(in.readByteArray(), (attributeTag, attribute) -> {
                    switch (WireFormat.getTagFieldNumber(attributeTag)) {
                        case ATTRIBUTE_NAME -> name[0] = attribute.readString();
                        case ATTRIBUTE_INT -> axis[0] = attribute.readInt64();
                        default -> attribute.skipField(attributeTag);
                    }
                });
                rows[0] &= !name[0].equals("axis") || axis[0] == 0;
            } else {
                in.skipField(tag);
            }
        });
        return rows[0];
    }

    static boolean worthQuantising(float[][] table) {
        return table.length >= MIN_ROWS;
    }

    static void writeQuantised(CodedOutputStream out, int initializerField, String name, float[][] table)
            throws IOException {
        int rows = table.length;
        int columns = table[0].length;
        byte[] q = new byte[rows * columns];
        ByteBuffer scales = ByteBuffer.allocate(rows * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < rows; r++) {
            float max = 0;
            for (float value : table[r]) {
                max = Math.max(max, Math.abs(value));
            }
            float scale = max == 0 ? 1f : max / 127f;
            scales.putFloat(scale);
            for (int c = 0; c < columns; c++) {
                q[r * columns + c] = (byte) Math.max(-127, Math.min(127, Math.round(table[r][c] / scale)));
            }
        }
        out.writeByteArray(initializerField, OnnxWire.tensor(name + "_rows_int8", OnnxWire.INT8,
                new long[]{rows, columns}, q));
        out.writeByteArray(initializerField, OnnxWire.tensor(name + "_row_scale", OnnxWire.FLOAT,
                new long[]{rows, 1}, scales.array()));
    }

    /** The four nodes that replace {@code gather}, ending in its own output. */
    static List<byte[]> gatherNodes(OnnxWire.Node gather) throws IOException {
        String table = gather.inputs().get(0);
        String ids = gather.inputs().get(1);
        String output = gather.outputs().get(0);
        String stem = gather.name().isEmpty() ? output : gather.name();
        return List.of(
                node(stem + "_int8", "Gather", List.of(table + "_rows_int8", ids), output + "_int8", null),
                node(stem + "_cast", "Cast", List.of(output + "_int8"), output + "_unscaled", OnnxWire.FLOAT),
                node(stem + "_scale", "Gather", List.of(table + "_row_scale", ids), output + "_scale", null),
                node(stem + "_dequantise", "Mul", List.of(output + "_unscaled", output + "_scale"), output, null));
    }

    private static byte[] node(String name, String opType, List<String> inputs, String output, Integer castTo)
            throws IOException {
        return OnnxWire.message(out -> {
            for (String input : inputs) {
                out.writeString(NODE_INPUT, input);
            }
            out.writeString(NODE_OUTPUT, output);
            out.writeString(NODE_NAME, name);
            out.writeString(NODE_OP_TYPE, opType);
            if (castTo != null) {
                out.writeByteArray(NODE_ATTRIBUTE, OnnxWire.message(attribute -> {
                    attribute.writeString(ATTRIBUTE_NAME, "to");
                    attribute.writeInt64(ATTRIBUTE_INT, castTo);
                    attribute.writeEnum(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INT);
                }));
            }
        });
    }
}
