VALUE = 'from a namespace package'
