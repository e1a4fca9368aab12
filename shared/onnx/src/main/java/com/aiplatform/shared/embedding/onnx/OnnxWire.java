package com.aiplatform.shared.embedding.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Just enough of the ONNX protobuf schema (onnx.proto field numbers) to read nodes and initializers and
 * to write new ones, on the wire format, with protobuf-java's coded streams.
 */
final class OnnxWire {

    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT8 = 3;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;

    private OnnxWire() {
    }

    interface FieldVisitor {
        void visit(int tag, CodedInputStream in) throws IOException;
    }

    interface MessageWriter {
        void write(CodedOutputStream out) throws IOException;
    }

    private interface ValueReader {
        void read() throws IOException;
    }

    static void forEachField(byte[] message, FieldVisitor visitor) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(message);
        in.setSizeLimit(Integer.MAX_VALUE);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            visitor.visit(tag, in);
        }
    }

    static byte[] message(MessageWriter writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        writer.write(out);
        out.flush();
        return bytes.toByteArray();
    }

    static void copyField(int tag, CodedInputStream in, CodedOutputStream out) throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            out.writeByteArray(WireFormat.getTagFieldNumber(tag), in.readByteArray());
        } else {
            in.skipField(tag, out);
        }
    }

    static byte[] tensor(String name, int dataType, long[] dims, byte[] raw) throws IOException {
        return message(out -> {
            for (long dim : dims) {
                out.writeInt64(TENSOR_DIMS, dim);
            }
            out.writeInt32(TENSOR_DATA_TYPE, dataType);
            out.writeString(TENSOR_NAME, name);
            out.writeByteArray(TENSOR_RAW_DATA, raw);
        });
    }

    static String tensorName(byte[] tensor) throws IOException {
        String[] name = {""};
        forEachField(tensor, (tag, in) -> {
            if (WireFormat.getTagFieldNumber(tag) == TENSOR_NAME) {
                name[0] = in.readString();
            } else {
                in.skipField(tag);
            }
        });
        return name[0];
    }

    /** The values of a 2-D fp32 tensor, row by row; empty for any other tensor. */
    static Optional<float[][]> floatMatrix(byte[] tensor) throws IOException {
        List<Long> dims = new ArrayList<>();
        int[] dataType = {0};
        ByteString[] raw = {null};
        List<Float> floats = new ArrayList<>();
        forEachField(tensor, (tag, in) -> {
            boolean packed = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
            switch (WireFormat.getTagFieldNumber(tag)) {
                case TENSOR_DIMS -> readRepeated(in, packed, () -> dims.add(in.readInt64()));
                case TENSOR_DATA_TYPE -> dataType[0] = in.readInt32();
                case TENSOR_RAW_DATA -> raw[0] = in.readBytes();
                case TENSOR_FLOAT_DATA -> readRepeated(in, packed, () -> floats.add(in.readFloat()));
                default -> in.skipField(tag);
            }
        });
        if (dataType[0] != FLOAT || dims.size() != 2) {
            return Optional.empty();
        }
        int rows = Math.toIntExact(dims.get(0));
        int columns = Math.toIntExact(dims.get(1));
        float[][] matrix = new float[rows][columns];
        ByteBuffer buffer = raw[0] == null ? null : raw[0].asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                matrix[r][c] = buffer != null ? buffer.getFloat() : floats.get(r * columns + c);
            }
        }
        return Optional.of(matrix);
    }

    private static void readRepeated(CodedInputStream in, boolean packed, ValueReader reader) throws IOException {
        if (!packed) {
            reader.read();
            return;
        }
        int limit = in.pushLimit(in.readRawVarint32());
        while (in.getBytesUntilLimit() > 0) {
            reader.read();
        }
        in.popLimit(limit);
    }

    /** The parts of a NodeProto the rewrite needs; attributes and the rest stay in the original bytes. */
    record Node(List<String> inputs, List<String> outputs, String name, String opType) {

        static Node parse(byte[] node) throws IOException {
            List<String> inputs = new ArrayList<>();
            List<String> outputs = new ArrayList<>();
            String[] name = {""};
            String[] opType = {""};
            forEachField(node, (tag, in) -> {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case NODE_INPUT -> inputs.add(in.readString());
                    case NODE_OUTPUT -> outputs.add(in.readString());
                    case NODE_NAME -> name[0] = in.readString();
                    case NODE_OP_TYPE -> opType[0] = in.readString();
                    default -> in.skipField(tag);
                }
            });
            return new Node(inputs, outputs, name[0], opType[0]);
        }
    }
}
