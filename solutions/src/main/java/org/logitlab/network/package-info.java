/**
 * The two-layer network: a sigmoid or tanh hidden layer and a softmax output, each layer with a
 * forward and a backward step, trained by backpropagation.
 */
package org.logitlab.network;
