NAME = 'leaf of a nested namespace package'
