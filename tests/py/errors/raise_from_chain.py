class ConfigError(Exception):
    pass
def parse(text):
    try:
        return int(text)
    except ValueError as exc:
        raise ConfigError("invalid port setting") from exc
parse("eighty")
