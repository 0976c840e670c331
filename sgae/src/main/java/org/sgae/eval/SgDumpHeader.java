package org.sgae.eval;

/**
 * Line 1 of a prediction dump (eval-spec §8). The fixed fields (format, version, boxFrame "original", boxFormat
 * "xyxy", iouPlusOne true) are written and checked by the writer and reader.
 *
 * @param mode          sgdet, sgcls or predcls
 * @param topPairs      the pair truncation of §8 (0 keeps every pair)
 * @param datasetName   e.g. vg150 or the synthetic world's folder name
 * @param split         train, val or test
 * @param numImages     the split's images; the dump has one line per image
 * @param dictsSha256   SHA-256 of the data set's dicts JSON
 * @param checkpoint    what produced the predictions (a checkpoint folder, or "FREQ ..." for the baseline)
 * @param configSha256  SHA-256 of that producer's config
 */
public record SgDumpHeader(String mode, int numObjClasses, int numRelClasses, int topPairs, String datasetName,
                           String split, int numImages, String dictsSha256, String checkpoint, String configSha256) {
    public static final String FORMAT = "sgae-sgg-dump";
    public static final int VERSION = 1;
    /** The default pair truncation: re-scoring reproduces every metric for K ≤ 100. */
    public static final int TOP_PAIRS = 100;

    public SgDumpHeader {
        SgMode.forDump(mode); // checks the name
        if (topPairs < 0 || numImages < 0 || numRelClasses < 2 || numObjClasses < 2) {
            throw new IllegalArgumentException("dump header: topPairs " + topPairs + ", numImages " + numImages
                    + ", numObjClasses " + numObjClasses + ", numRelClasses " + numRelClasses + " out of range");
        }
    }

    /** predictions-&lt;mode&gt;.jsonl.gz */
    public String fileName() {
        return "predictions-" + mode + ".jsonl.gz";
    }
}
