package dev.sensiprint.fingerprint.file;

import dev.sensiprint.fingerprint.Fingerprint;
import dev.sensiprint.fingerprint.FingerprintSample;
import java.util.ArrayList;
import java.util.List;

/** Where each part of a fingerprint lives in the archive, and in which order entries appear. */
final class EntryNames {

    static final String MANIFEST = "manifest.json";

    private EntryNames() {}

    static String input(String id) {
        return "samples/" + id + ".npy";
    }

    static String output(String id) {
        return "outputs/" + id + ".npy";
    }

    static String seed(String id) {
        return "seeds/" + id + ".npy";
    }

    static String preview(String id) {
        return "previews/" + id + ".png";
    }

    /** A sample's id and whether it keeps its seed: all that decides its entry names. */
    record SampleKey(String id, boolean hasSeed) {}

    static List<SampleKey> keys(Fingerprint fingerprint) {
        List<SampleKey> keys = new ArrayList<>();
        for (FingerprintSample s : fingerprint.samples()) {
            keys.add(new SampleKey(s.id(), s.seed() != null));
        }
        return keys;
    }

    /**
     * Every entry except {@code digests.json} and {@code signature.json}, in archive order: the
     * manifest, then all inputs, all outputs, all seeds and all previews, each in sample order.
     */
    static List<String> contentEntries(List<SampleKey> samples) {
        List<String> names = new ArrayList<>();
        names.add(MANIFEST);
        samples.forEach(s -> names.add(input(s.id())));
        samples.forEach(s -> names.add(output(s.id())));
        samples.stream().filter(SampleKey::hasSeed).forEach(s -> names.add(seed(s.id())));
        samples.forEach(s -> names.add(preview(s.id())));
        return names;
    }
}
