/**
 * Importing the stage packages registers their models (and the head checks that identify model
 * files by their tensors) in core's `modelRegistry`. Every CLI module that looks models up imports
 * this, so the registry is complete whichever command (or spec) loads first.
 */
import '@facepipe/detector/models';
import '@facepipe/landmarks/models';
import '@facepipe/segmentation/models';
