package dev.sensiprint.calibrate;

import dev.sensiprint.tensor.FloatTensor;
import java.util.List;

/**
 * One benign way of running the unmodified model — another thread count, batch size, a fresh
 * reload, another runtime — whose outputs must still verify as INTACT (method.md §5).
 */
public interface Variation {

    /** A short name for reports, e.g. {@code threads=1} or {@code onnx-twin}. */
    String name();

    /** The output vector of each sample, in order, under this variation. */
    List<FloatTensor> outputs(List<FloatTensor> samples);
}
