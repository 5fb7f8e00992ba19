package dev.sensiprint.data;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.tensor.FloatTensor;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.PackedColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * One image file to a float32 C×H×W tensor in [0, 1]: grey images give one channel, colour images
 * three (R, G, B); alpha is dropped. PNG and JPEG go through javax.imageio, PGM and PPM through
 * {@link PnmDecoder}; the file's leading bytes choose, not its name.
 *
 * <p>Values are the stored samples divided by their largest value (255 for 8 bits, 65535 for 16-bit
 * PNG, the palette's entries for indexed PNG), read from the raster and never through {@code
 * BufferedImage.getRGB}, which would pass grey images through a colour conversion.
 */
final class ImageFileDecoder {

    /** File name extensions a folder dataset picks up (lower case). */
    static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "pgm", "ppm", "pnm");

    private ImageFileDecoder() {}

    static boolean hasImageExtension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    static FloatTensor decode(Path file) {
        String name = file.toString();
        byte[] bytes;
        try (BinaryInput in = BinaryInput.open(file)) {
            bytes = in.readAll("the image");
        }
        if (PnmDecoder.looksLikePnm(bytes)) {
            return PnmDecoder.decode(bytes, name);
        }
        return fromBufferedImage(readWithImageIo(bytes, name), name);
    }

    private static BufferedImage readWithImageIo(byte[] bytes, String name) {
        // A memory-backed stream: ImageIO.read on a plain stream may spill to a temporary file.
        try (ImageInputStream stream =
                new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                throw new BadInputException(
                        name + ": not a readable image (supported: PNG, JPEG, PGM, PPM)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadInputException bad) {
                throw bad;
            }
            // ImageIO's decoders also throw unchecked exceptions on some corrupt files.
            String reason =
                    e instanceof IOException && e.getMessage() != null
                            ? e.getMessage()
                            : e.toString();
            throw new BadInputException(
                    name + ": unreadable image: " + reason.replaceAll("\\s+", " "), e);
        }
    }

    static FloatTensor fromBufferedImage(BufferedImage image, String name) {
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        int width = image.getWidth();
        int height = image.getHeight();
        int plane = width * height;
        if (model instanceof IndexColorModel palette) {
            int channels = isGreyPalette(palette) ? 1 : 3;
            float[] out = new float[channels * plane];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int index = raster.getSample(x, y, 0);
                    int p = y * width + x;
                    out[p] = palette.getRed(index) / 255f;
                    if (channels == 3) {
                        out[plane + p] = palette.getGreen(index) / 255f;
                        out[2 * plane + p] = palette.getBlue(index) / 255f;
                    }
                }
            }
            return new FloatTensor(new int[] {channels, height, width}, out);
        }
        if (!(model instanceof ComponentColorModel || model instanceof PackedColorModel)) {
            throw new BadInputException(
                    name + ": unsupported pixel layout " + model.getClass().getSimpleName());
        }
        int transfer = model.getTransferType();
        if (transfer != DataBuffer.TYPE_BYTE
                && transfer != DataBuffer.TYPE_USHORT
                && transfer != DataBuffer.TYPE_INT) {
            throw new BadInputException(name + ": unsupported sample type " + transfer);
        }
        int spaceType = model.getColorSpace().getType();
        int colours = model.getNumColorComponents();
        int channels;
        if (spaceType == ColorSpace.TYPE_GRAY && colours == 1) {
            channels = 1;
        } else if (spaceType == ColorSpace.TYPE_RGB && colours == 3) {
            channels = 3;
        } else {
            throw new BadInputException(
                    name
                            + ": unsupported colour space with "
                            + colours
                            + " components"
                            + " (only grey and RGB)");
        }
        float[] out = new float[channels * plane];
        for (int c = 0; c < channels; c++) {
            // Raster bands follow the colour model's component order (R, G, B, then alpha),
            // whatever the byte order in memory (e.g. BGR for TYPE_3BYTE_BGR).
            float max = (float) ((1L << model.getComponentSize(c)) - 1);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    out[c * plane + y * width + x] = raster.getSample(x, y, c) / max;
                }
            }
        }
        return new FloatTensor(new int[] {channels, height, width}, out);
    }

    private static boolean isGreyPalette(IndexColorModel palette) {
        for (int i = 0; i < palette.getMapSize(); i++) {
            int r = palette.getRed(i);
            if (r != palette.getGreen(i) || r != palette.getBlue(i)) {
                return false;
            }
        }
        return true;
    }
}
