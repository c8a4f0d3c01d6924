module gopy.example/gopy

go 1.24
