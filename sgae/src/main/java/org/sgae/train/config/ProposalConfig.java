package org.sgae.train.config;

import static org.sgae.train.config.ConfigChecks.require;

/**
 * RPN proposal selection (model-spec §3.2), per image: top {@code preNmsTopN} by objectness, decode, clip, drop boxes
 * narrower or shorter than {@code minSize} ("+1" widths; 0 keeps all, as maskrcnn-benchmark's RPN.MIN_SIZE), NMS at
 * {@code nmsThreshold}, keep {@code postNmsTopN}. Train and test differ only in the two counts.
 */
public record ProposalConfig(int preNmsTopNTrain, int postNmsTopNTrain, int preNmsTopNTest, int postNmsTopNTest,
                             double nmsThreshold, double minSize) {
    public ProposalConfig validate() {
        require(preNmsTopNTrain > 0, "ProposalConfig", "preNmsTopNTrain", "must be > 0", preNmsTopNTrain);
        require(postNmsTopNTrain > 0 && postNmsTopNTrain <= preNmsTopNTrain, "ProposalConfig", "postNmsTopNTrain",
                "must be in [1, preNmsTopNTrain = " + preNmsTopNTrain + "]", postNmsTopNTrain);
        require(preNmsTopNTest > 0, "ProposalConfig", "preNmsTopNTest", "must be > 0", preNmsTopNTest);
        require(postNmsTopNTest > 0 && postNmsTopNTest <= preNmsTopNTest, "ProposalConfig", "postNmsTopNTest",
                "must be in [1, preNmsTopNTest = " + preNmsTopNTest + "]", postNmsTopNTest);
        require(nmsThreshold > 0 && nmsThreshold <= 1, "ProposalConfig", "nmsThreshold", "must be in (0, 1]",
                nmsThreshold);
        require(minSize >= 0 && Double.isFinite(minSize), "ProposalConfig", "minSize", "must be finite and >= 0",
                minSize);
        return this;
    }

    public int preNmsTopN(boolean training) {
        return training ? preNmsTopNTrain : preNmsTopNTest;
    }

    public int postNmsTopN(boolean training) {
        return training ? postNmsTopNTrain : postNmsTopNTest;
    }

    /** The four counts replaced, the rest kept (tests derive small configs this way). */
    public ProposalConfig withTopN(int preTrain, int postTrain, int preTest, int postTest) {
        return new ProposalConfig(preTrain, postTrain, preTest, postTest, nmsThreshold, minSize);
    }

    public ProposalConfig withMinSize(double m) {
        return new ProposalConfig(preNmsTopNTrain, postNmsTopNTrain, preNmsTopNTest, postNmsTopNTest, nmsThreshold, m);
    }
}
