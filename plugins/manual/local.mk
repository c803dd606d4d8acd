# manual touchpoint: see plugins/manual/.
