package org.sgae.report;

/**
 * What the report shows for one test image; every part may be null (a partial run renders what it has).
 *
 * @param id               the image's id or file name, printed as the caption
 * @param input            the input image, [3, H, W] in [0, 1]
 * @param detections       predicted boxes in the input's pixels, with labels and scores
 * @param predicted        the predicted scene graph (node ids = box indices)
 * @param groundTruth      the GT scene graph
 * @param reconPred        reconstruction from the predicted graph and boxes (mode PRED), [3, 64, 64]
 * @param reconGt          reconstruction from the GT graph and boxes (mode GT)
 * @param reconGraphOnly   reconstruction from the graph with box-net boxes (mode GRAPH_ONLY)
 */
public record ImageCase(String id, FloatImage input, BoxSet detections, GraphView predicted, GraphView groundTruth,
                        FloatImage reconPred, FloatImage reconGt, FloatImage reconGraphOnly) {
}
