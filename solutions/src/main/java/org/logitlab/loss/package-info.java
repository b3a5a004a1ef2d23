/**
 * Losses and their gradients: the binary cross-entropy, the multi-class cross-entropy, and, for
 * comparison, the mean squared and absolute errors and the hinge loss.
 */
package org.logitlab.loss;
