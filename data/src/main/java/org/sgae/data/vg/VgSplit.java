package org.sgae.data.vg;

/** Load-time splits: TRAIN and VAL come from h5 split 0 (val = the first numValIm images), TEST from 2. */
public enum VgSplit {
    TRAIN, VAL, TEST
}
