"""The OpenAPI 3.1 description of ``/api/v1``, made from the registry and the option schema, so a new format
or option shows at once with its own type: a whole number with its minimum and maximum, or a choice with
its values."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from leaflet import __version__
from leaflet.options import Option
from leaflet.writers.contract import Format
from leaflet.writers.registry import options as options_of


def option_schema(option: Option) -> dict[str, Any]:
    """An option's JSON schema: what the API accepts for it."""
    if option.whole_number:
        return {"type": "integer", "minimum": option.minimum, "maximum": option.maximum}
    return {"type": "string", "enum": list(option.values())}


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _retry(description: str) -> dict[str, Any]:
    response = _error(description)
    response["headers"] = {"Retry-After": {"schema": {"type": "integer"}, "description": "seconds to wait"}}
    return response


def document(formats: Sequence[Format[Any]]) -> dict[str, Any]:
    leaflet_id = {
        "name": "leaflet_id",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
    }
    format_param = {
        "name": "format",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "enum": [f.name for f in formats]},
    }
    option_params = [
        {
            "name": option.name,
            "in": "query",
            "required": False,
            "schema": option_schema(option),
            "description": f"{option.help}; taken by: {', '.join(f.name for f in formats if option.name in f.option_names)}",
        }
        for option in options_of(formats)
    ]
    file_content = {
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Patient leaflets in the format you need",
            "version": __version__,
            "description": "Any leaflet in any format with personal options (print size, colours, speech rate and voice). "
            "The bytes are those `leaflet build` writes for the same leaflet, format and options.",
        },
        "paths": {
            "/api/v1/status": {
                "get": {
                    "summary": "Jobs made, failed and under way; files and bytes in the cache",
                    "responses": {
                        "200": {
                            "description": "the figures",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        }
                    },
                }
            },
            "/api/v1/leaflets": {
                "get": {
                    "summary": "Every leaflet: id, title, language, published date, formats",
                    "responses": {
                        "200": {
                            "description": "the leaflets",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LeafletList"}}},
                        }
                    },
                }
            },
            "/api/v1/leaflets/{leaflet_id}": {
                "get": {
                    "summary": "One leaflet and the options each format takes",
                    "parameters": [leaflet_id],
                    "responses": {
                        "200": {
                            "description": "the leaflet",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                        "404": _error("no such leaflet"),
                    },
                }
            },
            "/api/v1/leaflets/{leaflet_id}/{format}": {
                "get": {
                    "summary": "The leaflet in a format, with personal options",
                    "description": "200 with the file when it is ready. 202 with Retry-After while it is being made: ask the same URL again until 200.",
                    "parameters": [leaflet_id, format_param, *option_params],
                    "responses": {
                        "200": {
                            "description": "the file, named in Content-Disposition as `leaflet build` names it",
                            "headers": {
                                "ETag": {"schema": {"type": "string"}},
                                "Content-Disposition": {"schema": {"type": "string"}},
                            },
                            "content": file_content,
                        },
                        "202": _retry("being made: ask again after Retry-After seconds"),
                        "304": {"description": "not changed since the ETag given in If-None-Match"},
                        "400": _error("an option is wrong: the message names it and what is allowed"),
                        "404": _error(
                            "no such leaflet or format (the message lists the formats), or the format cannot be made of this leaflet"
                        ),
                        "500": _error("making the file failed; it is not kept, so asking again later tries again"),
                        "503": _retry("the queue is full: ask again after Retry-After seconds"),
                    },
                }
            },
            "/api/v1/leaflets/{leaflet_id}/{format}/status": {
                "get": {
                    "summary": "Whether the file is ready, without downloading it (starts making it if need be)",
                    "parameters": [leaflet_id, format_param, *option_params],
                    "responses": {
                        "200": {
                            "description": "ready",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Status"}}},
                        },
                        "202": _retry("being made"),
                        "400": _error("an option is wrong"),
                        "404": _error("no such leaflet or format"),
                        "500": _error("making the file failed"),
                        "503": _retry("the queue is full"),
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": {
                            "type": "object",
                            "required": ["code", "message"],
                            "properties": {
                                "code": {"type": "string"},
                                "message": {"type": "string"},
                                "option": {"type": ["string", "null"]},
                                "allowed": {"type": ["string", "null"]},
                                "formats": {"type": "array", "items": {"type": "string"}},
                            },
                        }
                    },
                },
                "Status": {
                    "type": "object",
                    "properties": {"status": {"type": "string"}, "message": {"type": "string"}},
                },
                "LeafletList": {
                    "type": "object",
                    "properties": {
                        "leaflets": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "id": {"type": "string"},
                                    "title": {"type": "string"},
                                    "language": {"type": "string"},
                                    "published": {"type": "string", "format": "date"},
                                    "updated": {"type": ["string", "null"], "format": "date"},
                                    "formats": {"type": "array", "items": {"type": "string"}},
                                    "url": {"type": "string"},
                                },
                            },
                        }
                    },
                },
            }
        },
    }
