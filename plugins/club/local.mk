# club touchpoint: see plugins/club/.
