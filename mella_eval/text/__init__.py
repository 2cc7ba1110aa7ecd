"""Language-aware text processing: scripts, language ID, normalisation, segmentation."""
