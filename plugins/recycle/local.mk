# recycle touchpoint: see plugins/recycle/.
