/**
 * Data sets: the embedded Iris, Breast Cancer and toy sets, the IDX reader, the MNIST locator and its
 * checksum-verified download, standardisation and a stratified train/test split.
 */
package org.logitlab.data;
