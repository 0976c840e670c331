package org.sgae.data.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.sgae.data.DataFormatException;

/**
 * Decodes what {@link PngCodec} does not (real VG JPEGs, palette and 16-bit PNGs) with an ImageIO reader
 * rather than {@code ImageIO.read}, because ImageIO.read decodes whatever size the header claims, reports a
 * truncated file only as a warning nobody listens to (and fills the rest grey), and its {@code getRGB}
 * brightens grey images. Every problem is one {@link DataFormatException} naming the file.
 */
final class ImageIoDecoder {
    /**
     * Warnings (JDK 17's JPEG reader wording) about metadata the decoder skips; the pixel samples are intact,
     * so these are not errors. Every other warning is.
     */
    private static final List<String> HARMLESS_WARNINGS = List.of(
            "Embedded color profile is invalid; ignored",
            "JFIF markers not allowed in JFIF JPEG thumbnail; ignored");
    /**
     * libjpeg's "Corrupt JPEG data: N extraneous bytes before marker 0x…": junk between two segments, which the
     * decoder skips with every sample intact. Files written by some cameras and editors carry it, and PIL and
     * torchvision decode them silently, so refusing them would drop real data set images.
     */
    private static final String EXTRANEOUS_BYTES = "extraneous bytes before marker";

    private ImageIoDecoder() {
    }

    static RgbImage decode(Path file, byte[] bytes, long maxPixels) {
        // MemoryCacheImageInputStream: ImageIO.createImageInputStream would cache in a temp file.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DataFormatException(file, "unreadable image: no decoder recognises its " + bytes.length
                        + " bytes");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                PixelLimit.check(reader.getWidth(0), reader.getHeight(0), maxPixels); // header only, no pixels
                BufferedImage bi = reader.read(0);
                warnings.removeAll(HARMLESS_WARNINGS);
                warnings.removeIf(w -> w.contains(EXTRANEOUS_BYTES));
                if (!warnings.isEmpty()) {
                    throw new DataFormatException(file, "truncated or corrupt image, the decoder warned: "
                            + String.join("; ", warnings));
                }
                return toRgb(file, bi);
            } finally {
                reader.dispose();
            }
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO's messages are vague ("Error reading PNG image data"); the cause says what ran out.
            String cause = e.getCause() == null ? "" : " (" + e.getCause() + ")";
            throw new DataFormatException(file, "unreadable image: " + e.getMessage() + cause, e);
        }
    }

    /**
     * Palette entries and RGB samples come out of getRGB as stored (or, for an RGB colour space other than
     * sRGB, converted to sRGB). Grey images do not: getRGB treats their samples as linear light and
     * converts them to sRGB (88 becomes 159), whereas grey JPEGs and PNGs store gamma-encoded samples like
     * any other image, so these are read from the raster. Anything else is refused.
     */
    private static RgbImage toRgb(Path file, BufferedImage bi) {
        ColorModel cm = bi.getColorModel();
        int type = cm.getColorSpace().getType();
        int w = bi.getWidth();
        int h = bi.getHeight();
        if (cm instanceof IndexColorModel || type == ColorSpace.TYPE_RGB) {
            return RgbImage.fromPacked(w, h, bi.getRGB(0, 0, w, h, null, 0, w));
        }
        if (type == ColorSpace.TYPE_GRAY) {
            return grey(bi.getRaster(), cm.getComponentSize(0));
        }
        if (type == ColorSpace.TYPE_CMYK) {
            // ImageIO converts CMYK with a naive formula, without the colour profile the file was made for.
            throw new DataFormatException(file, "CMYK images are not supported (their colours would be"
                    + " guessed); convert the file to RGB");
        }
        throw new DataFormatException(file, "unsupported colour space (java.awt.color.ColorSpace type " + type
                + ", " + cm.getNumColorComponents() + " components); convert the file to RGB");
    }

    /** Band 0 (alpha, if any, is dropped as PngCodec does), scaled from its bit depth to 8 bits. */
    private static RgbImage grey(Raster r, int bits) {
        int w = r.getWidth();
        int h = r.getHeight();
        long max = (1L << bits) - 1;
        byte[] rgb = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                byte v = (byte) ((r.getSample(x, y, 0) * 255L + max / 2) / max);
                int d = 3 * (y * w + x);
                rgb[d] = v;
                rgb[d + 1] = v;
                rgb[d + 2] = v;
            }
        }
        return new RgbImage(w, h, rgb);
    }
}
