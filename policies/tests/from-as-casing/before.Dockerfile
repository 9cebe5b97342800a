FROM golang:1.23 as build
