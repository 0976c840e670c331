package org.sgae.data.vg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.sgae.data.AtomicFiles;
import org.sgae.data.DataFormatException;

/** Reads and writes image_data.json (vg150-format.md §5). */
public final class ImageInfos {
    /** Images the standard loaders skip because the files are corrupt. */
    public static final Set<Long> CORRUPTED_IDS = Set.of(1592L, 1722L, 4616L, 4617L);

    private ImageInfos() {
    }

    public static List<ImageInfo> read(Path file) {
        JsonNode root;
        try {
            root = VgDicts.JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, "image metadata file is missing", e);
        } catch (JsonProcessingException e) {
            throw new DataFormatException(file, "bad JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DataFormatException(file, "cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new DataFormatException(file, "expected a JSON list of image entries");
        }
        List<ImageInfo> out = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode e = root.get(i);
            if (!e.isObject() || !e.path("image_id").canConvertToLong() || !e.path("width").canConvertToInt()
                    || !e.path("height").canConvertToInt()) {
                throw new DataFormatException(file, "entry " + i + " lacks an integer image_id, width or height");
            }
            out.add(new ImageInfo(e.get("width").asInt(), e.get("height").asInt(), e.path("url").asText(""),
                    e.get("image_id").asLong(), optLong(e.get("coco_id")), optLong(e.get("flickr_id"))));
        }
        return out;
    }

    private static Long optLong(JsonNode n) {
        return n == null || n.isNull() ? null : n.asLong();
    }

    /** Writes with the fixed key order width, height, url, image_id, coco_id, flickr_id. */
    public static void write(Path file, List<ImageInfo> infos) {
        ArrayNode arr = VgDicts.JSON.createArrayNode();
        for (ImageInfo info : infos) {
            ObjectNode o = arr.addObject();
            o.put("width", info.width());
            o.put("height", info.height());
            o.put("url", info.url());
            o.put("image_id", info.imageId());
            o.put("coco_id", info.cocoId());
            o.put("flickr_id", info.flickrId());
        }
        try {
            AtomicFiles.write(file, VgDicts.JSON.writeValueAsBytes(arr));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
