"""pybtex styles: how an entry reads (:mod:`.formatting`), how a citation reads
(:mod:`.referencing`)."""
