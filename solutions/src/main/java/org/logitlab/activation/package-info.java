/**
 * Activation functions: the numerically stable {@link org.logitlab.activation.Sigmoid}, the
 * {@link org.logitlab.activation.Softmax} with max-subtraction, and the hidden-layer
 * {@link org.logitlab.activation.Activation}s (sigmoid, tanh) with their derivatives.
 */
package org.logitlab.activation;
