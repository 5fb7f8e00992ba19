package dev.sensiprint.model;

import dev.sensiprint.fingerprint.ModelInfo;

/** Builds the {@link ModelInfo} a loader reports. */
final class ModelInfos {

    private ModelInfos() {}

    static ModelInfo of(ModelSpec spec, String sha256, LoadProbe.Result probe) {
        return new ModelInfo(
                sha256,
                spec.path().getFileName().toString(),
                spec.inputShape(),
                spec.valueMin(),
                spec.valueMax(),
                spec.preprocessing(),
                probe.outputKind(),
                probe.numClasses());
    }
}
