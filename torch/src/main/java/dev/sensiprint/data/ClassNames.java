package dev.sensiprint.data;

import java.util.ArrayList;
import java.util.List;

/** Class names for formats that store only class indices. */
final class ClassNames {

    private ClassNames() {}

    /** "0", "1", …, {@code count - 1}. */
    static List<String> numbered(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(Integer.toString(i));
        }
        return List.copyOf(names);
    }
}
