/**
 * Binary logistic regression, trained by gradient descent on the binary cross-entropy.
 */
package org.logitlab.logistic;
