/**
 * Internal: the {@code logit-lab} command line (training runs on the embedded data sets and MNIST). Not
 * part of the library's API: its classes may change without notice; use the models in the other
 * packages instead.
 */
package org.logitlab.cli;
