package org.sgae.data.vg;

/**
 * One entry of image_data.json. width/height are the JSON values (used for box scaling, SGB behaviour);
 * cocoId and flickrId may be null.
 */
public record ImageInfo(int width, int height, String url, long imageId, Long cocoId, Long flickrId) {
}
