# share touchpoint: see plugins/share/.
